# Bulletins: reports committees and councils publish to their members or the network.

notification-bulletin-published = { $committee } wuxuu daabacay warbixin: { $title }

nav-feed = Wararka
feed-title = Wararka
feed-lead = Warbixinnada guddiyadaada iyo golayaashaada, iyo kuwa shabakadda ay ka tirsan yihiin, kuwa ugu cusub marka hore.
feed-empty = Weli warbixinno ma jiraan.
bulletins-link = Warbixinnada
bulletins-of = Warbixinnada { $committee }
bulletins-empty = Weli warbixinno ma jiraan.
bulletins-older = Warbixinnadii hore
bulletins-publish = Daabac warbixin
bulletins-publish-submit = Daabac
bulletins-field-body = Qoraalka
bulletins-markdown-hint = Waxaad isticmaali kartaa Markdown: **far madow**, *far janjeera*, liisas leh -, xiriiro sida [qoraal](https://…). Sawirrada iyo HTML lama muujiyo.
bulletins-add-translation = Ku dar nuqul luqad kale ah
bulletin-audience-members = Xubnaha oo keliya
bulletin-audience-network = Shabakadda
bulletin-audience-members-explained = Xubnaha oo keliya: xubnaha guddigan
bulletin-audience-network-explained = Shabakadda: haddii ay ka timaado goob shaqo, sidoo kale golayaasheeda; haddii ay ka timaado gole, sidoo kale guddi kasta oo ka hooseeya
bulletin-read-in = Ku akhri { $language }
field-audience = Cidda loogu talagalay
field-translation-language = Luqadda nuqulka kale
field-translation-title = Cinwaanka nuqulka kale
field-translation-body = Qoraalka nuqulka kale
field-cursor = Bogga
audit-bulletin-published = { $actor } wuxuu daabacay warbixinta “{ $title }”
