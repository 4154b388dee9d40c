"""Output formats: tables, JSON and the formats CI systems read."""
