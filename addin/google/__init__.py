"""Google Sheets: scheduled sync, the HTTP server for Apps Script, credentials."""
