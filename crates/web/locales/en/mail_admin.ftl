# The administrator's mail page (/admin/mail) and the managers of resources.

mail-admin-nav = Mail
mail-admin-title = Outgoing mail
mail-admin-intro = Mails whose sending failed or was given up. Vaski tries a failed mail again at growing intervals; after 12 attempts it waits for an administrator.
mail-admin-pending = { $count ->
    [0] No mail is waiting to be sent.
    [one] One mail is waiting to be sent.
   *[other] { $count } mails are waiting to be sent.
}
mail-admin-none = No failed mails.
mail-admin-failures = Failed mails
mail-admin-recipient = Recipient
mail-admin-subject = Subject
mail-admin-attempts = Attempts
mail-admin-last-error = Last error
mail-admin-next-try = Next attempt
mail-admin-actions = Actions
mail-admin-given-up = given up, waiting for an administrator
mail-admin-sending = being sent now
mail-admin-retry = Send again now
mail-admin-discard = Discard the mail
mail-admin-retried = The mail will be sent again at once.
mail-admin-discarded = The mail was discarded; it will not be sent.
mail-admin-unchanged = The mail was not changed: it has been sent already or is being sent right now.

managers-field = Managers
managers-hint = The managers are mailed about the resource's bookings and may confirm and reject them. Choose one or more (hold down Ctrl or Cmd).
managers-none = No managers named
error-manager-not-eligible = Only an active staff user or a user of the owner organisation can be a manager.
managers-api-staff-only = Only staff may set the managers.
