# Import and export: reading tables, interpreting columns, preview and outcome (English)
error-sheet-not-a-spreadsheet = The file is not a spreadsheet. Import an Excel workbook (.xlsx) or a CSV file.
error-sheet-encoding = The text encoding of the file cannot be read reliably (line { $line }). Save the file in Excel as "CSV UTF-8" and try again.
error-sheet-empty = The file has no header row and no data.
error-sheet-csv = Row { $line } of the CSV file is broken (for example, a quotation mark is never closed).
error-sheet-xlsx = The Excel workbook cannot be read. Save it again as .xlsx.
error-sheet-write = The spreadsheet could not be written.
error-import-missing-column = No column of the file is read as "{ $column }". Choose it in the column mapping.
error-import-column-twice = The columns "{ $first }" and "{ $second }" are both read as "{ $column }". Choose another meaning for one of them, or "Not imported".
error-import-no-such-column = The file has no column { $index }.
error-duplicate-in-file = The same organisation is already on an earlier row of the file.
error-already-exists = The organisation is already in Vaski. Choose the mode "Add new and update existing" to update it.
import-title = Import organisations
import-intro = Import partner organisations and their contact people from an Excel workbook or a CSV file. You see what the import would do before anything is saved.
import-file = File (.xlsx or .csv)
import-file-hint = At most { $size } MB. The first row must be a header row (e.g. Name, Business ID, Municipality, Contact person).
import-mode = Mode
import-mode-create = Add new organisations only (existing ones are refused)
import-mode-upsert = Add new and update existing
import-on-error = If a row has errors
import-on-error-abort = Abort: save nothing
import-on-error-skip = Skip the rows with errors and save the rest
import-preview-submit = Preview
import-preview-title = Import preview
import-file-name = File: { $name }
import-rows-read = { $count ->
    [one] one row
   *[other] { $count } rows
}
import-mapping = Column mapping
import-mapping-intro = Check what each column of the file holds. Columns that are not recognised are not imported unless you choose a meaning for them.
import-file-column = Column of the file
import-example = Example value
import-meaning = Meaning
import-meaning-of = Meaning of the column { $column }
import-not-recognised = not recognised
import-preview-again = Update the preview
import-summary = What the import would do
import-would-create = { $count ->
    [one] One new organisation
   *[other] { $count } new organisations
}
import-would-update = { $count ->
    [one] One organisation updated
   *[other] { $count } organisations updated
}
import-unchanged = { $count ->
    [one] One organisation unchanged
   *[other] { $count } organisations unchanged
}
import-refused = { $count ->
    [one] One row refused
   *[other] { $count } rows refused
}
import-refusals = Refused rows
import-refusals-shown = { $shown } shown
import-row = Row
import-column = Column
import-reason = Reason
import-value = Value
import-sample-creates = Examples of new organisations
import-sample-updates = Examples of organisations to update
import-confirm-heading = Saving
import-would-abort = The file has refused rows, so the import would stop and save nothing. Correct the file, or choose "Skip the rows with errors and save the rest" and update the preview.
import-nothing-to-write = The import would change nothing.
import-confirm = Import the organisations
import-start-over = Start again with another file
import-done-title = Import outcome
import-aborted = The import was stopped because rows were refused. Nothing was saved.
import-written = The import has been saved.
import-created = { $count ->
    [one] One organisation added
   *[other] { $count } organisations added
}
import-updated = { $count ->
    [one] One organisation updated
   *[other] { $count } organisations updated
}
import-to-organisations = Go to the organisation list
import-another = Import another file
import-duplicate-of-row = (same as row { $row })
import-empty-file = The chosen file is empty.
import-no-file = Choose a file to import.
import-upload-expired = The uploaded file is no longer kept (it is kept for an hour). Upload the file again.
import-column-name = Name
import-column-business_id = Business ID
import-column-kind = Kind
import-column-industry = Industry
import-column-municipality = Municipality
import-column-address = Address
import-column-website = Website
import-column-tags = Tags
import-column-cooperation = Forms of cooperation
import-column-status = Status
import-column-notes = Notes
import-column-contact_name = Contact person
import-column-contact_title = Contact person's title
import-column-contact_email = Contact person's email
import-column-contact_phone = Contact person's phone
import-column-ignore = Not imported
audit-export = Exported
