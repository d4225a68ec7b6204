"""What a page shows, one function per tab or wizard (pages/ are routers that call these).

Like pages/, views/ may import ui/ and store/ and the pure toolkits (hotline/, textkit/), but holds
no SQL and no parsing (tests/test_layering.py)."""
