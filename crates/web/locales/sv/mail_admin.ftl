# Administratörens e-postsida (/admin/mail) och resursernas ansvarspersoner.

mail-admin-nav = E-post
mail-admin-title = Utgående e-post
mail-admin-intro = Meddelanden vars sändning har misslyckats eller som har getts upp. Vaski försöker igen med allt längre mellanrum; efter 12 försök väntar meddelandet på administratören.
mail-admin-pending = { $count ->
    [0] Sändningskön är tom.
    [one] Ett meddelande väntar på att skickas.
   *[other] { $count } meddelanden väntar på att skickas.
}
mail-admin-none = Inga misslyckade meddelanden.
mail-admin-failures = Misslyckade meddelanden
mail-admin-recipient = Mottagare
mail-admin-subject = Ämne
mail-admin-attempts = Försök
mail-admin-last-error = Senaste fel
mail-admin-next-try = Nästa försök
mail-admin-actions = Åtgärder
mail-admin-given-up = uppgivet, väntar på administratören
mail-admin-sending = skickas just nu
mail-admin-retry = Skicka igen nu
mail-admin-discard = Kasta meddelandet
mail-admin-retried = Meddelandet skickas igen genast.
mail-admin-discarded = Meddelandet kastades; det skickas inte.
mail-admin-unchanged = Meddelandet ändrades inte: det är redan skickat eller skickas just nu.

managers-field = Ansvarspersoner
managers-hint = Ansvarspersonerna får e-post om resursens bokningar och kan godkänna och avslå dem. Välj en eller flera (håll ned Ctrl eller Cmd).
managers-none = Inga namngivna ansvarspersoner
error-manager-not-eligible = Endast en aktiv användare bland personalen eller en användare hos ägarorganisationen kan vara ansvarsperson.
managers-api-staff-only = Endast personalen kan ange ansvarspersoner.
