"""Tab bodies and wizards of the pages: functions that draw one part of a page (no SQL, no parsing)."""
