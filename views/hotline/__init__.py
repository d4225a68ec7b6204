"""The 12345 热线 page's parts: sign-in, targets, data source, progress tabs, summons, the import
wizard and month editor, writes and the audit log (pages/hotline.py puts them together)."""
