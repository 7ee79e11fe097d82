"""Plain types and rules shared by every layer (no database, no Qt)."""
