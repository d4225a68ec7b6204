"""添加公报: the editor's upload, preview, metadata form, publishing and the background rebuild."""
