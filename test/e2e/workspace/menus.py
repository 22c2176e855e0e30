# A file of a language the extension does not read by default.
ledger = {"total": 12}
