"""ProdDesk: validation, call sheets and sheet functions for a production's own spreadsheets."""

__version__ = "0.1.0"
