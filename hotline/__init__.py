"""12345 hotline tracker: pure logic (no Streamlit, no SQL).

- fields:    the three record kinds, their canonical columns and Chinese header aliases
- values:    one cell -> one typed value ('95.3%', '０.９５３', '2025年7月' …) or a Chinese error
- reader:    uploaded bytes (CSV in any Chinese encoding, or Excel) -> a table of text cells
- validate:  text table + header mapping -> typed rows, and a Chinese message per bad row
- summons:   the 约谈 rule (bottom N of a peer group for M consecutive months)
- targets:   the plan's thresholds, read from the curated `targets` rows (never typed in code)
- progress:  figures vs targets (district rank, resolution ratio, participation, 清零)
- auth / passwd: salted PBKDF2 password hashes for editors
- demo, templates: demo records and empty import templates
"""
