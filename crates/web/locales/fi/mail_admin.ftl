# Ylläpitäjän sähköpostisivu (/admin/mail) ja resurssien vastuuhenkilöt.

mail-admin-nav = Sähköpostit
mail-admin-title = Lähtevät sähköpostit
mail-admin-intro = Viestit, joiden lähetys on epäonnistunut tai joista on luovuttu. Vaski yrittää epäonnistunutta lähetystä uudelleen yhä pidemmin välein; 12 yrityksen jälkeen viesti jää odottamaan ylläpitäjää.
mail-admin-pending = { $count ->
    [0] Lähetysjonossa ei ole viestejä.
    [one] Lähetysjonossa on yksi lähettämätön viesti.
   *[other] Lähetysjonossa on { $count } lähettämätöntä viestiä.
}
mail-admin-none = Ei epäonnistuneita viestejä.
mail-admin-failures = Epäonnistuneet viestit
mail-admin-recipient = Vastaanottaja
mail-admin-subject = Aihe
mail-admin-attempts = Yrityksiä
mail-admin-last-error = Viimeisin virhe
mail-admin-next-try = Seuraava yritys
mail-admin-actions = Toiminnot
mail-admin-given-up = luovuttu, odottaa ylläpitäjää
mail-admin-sending = lähetetään parhaillaan
mail-admin-retry = Lähetä nyt uudelleen
mail-admin-discard = Hylkää viesti
mail-admin-retried = Viesti lähetetään uudelleen heti.
mail-admin-discarded = Viesti hylättiin; sitä ei lähetetä.
mail-admin-unchanged = Viestiä ei muutettu: se on jo lähetetty tai lähetys on juuri käynnissä.

managers-field = Vastuuhenkilöt
managers-hint = Vastuuhenkilöt saavat sähköpostin resurssin varauksista ja voivat hyväksyä ja hylätä ne. Valitse yksi tai useampi (Ctrl- tai Cmd-näppäin pohjassa).
managers-none = Ei nimettyjä vastuuhenkilöitä
error-manager-not-eligible = Vastuuhenkilöksi voi valita vain aktiivisen henkilökunnan käyttäjän tai omistajaorganisaation käyttäjän.
managers-api-staff-only = Vastuuhenkilöt voi asettaa vain henkilökunta.
