"""Page bodies: pages/ route (header, filters, tabs), views/ draw; no SQL and no parsing here."""
