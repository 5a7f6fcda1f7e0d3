//! Import of organisation lists from spreadsheets: recognising columns, validating rows and finding duplicates.
