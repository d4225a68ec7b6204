"""Bodies of the 镇街画像 page (pages/towns.py is the router)."""
