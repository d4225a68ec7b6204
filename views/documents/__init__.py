"""文件库: the reader (?doc=…&line=…), the full-text search and the catalogue."""
