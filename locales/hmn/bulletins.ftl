# Bulletins: reports committees and councils publish to their members or the network.

notification-bulletin-published = { $committee } tau tshaj tawm xov xwm: { $title }

nav-feed = Xov xwm
feed-title = Xov xwm
feed-lead = Xov xwm los ntawm koj cov pawg neeg thiab pawg sab laj, thiab los ntawm lub network uas lawv koom, qhov tshiab tshaj ua ntej.
feed-empty = Tseem tsis tau muaj xov xwm.
bulletins-link = Xov xwm
bulletins-of = Xov xwm ntawm { $committee }
bulletins-empty = Tseem tsis tau muaj xov xwm.
bulletins-older = Xov xwm qub dua
bulletins-publish = Tshaj tawm ib tsab xov xwm
bulletins-publish-submit = Tshaj tawm
bulletins-field-body = Cov ntawv
bulletins-markdown-hint = Koj siv tau Markdown: **ntawv tuab**, *ntawv qaij*, cov npe nrog -, qhov txuas zoo li [ntawv](https://…). Tsis qhia duab thiab HTML.
bulletins-add-translation = Ntxiv ib tsab ua lwm yam lus
bulletin-audience-members = Tsuas yog tswv cuab
bulletin-audience-network = Network
bulletin-audience-members-explained = Tsuas yog tswv cuab: cov tswv cuab ntawm pawg neeg no
bulletin-audience-network-explained = Network: los ntawm ib qho chaw ua haujlwm, nws cov pawg sab laj thiab; los ntawm ib pawg sab laj, txhua pawg neeg hauv qab nws thiab
bulletin-read-in = Nyeem ua { $language }
field-audience = Leej twg yuav tau txais
field-translation-language = Hom lus ntawm lwm tsab
field-translation-title = Npe ntawm lwm tsab
field-translation-body = Cov ntawv ntawm lwm tsab
field-cursor = Nplooj
audit-bulletin-published = { $actor } tau tshaj tawm tsab xov xwm “{ $title }”
