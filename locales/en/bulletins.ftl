# Bulletins: reports committees and councils publish to their members or the network.

notification-bulletin-published = { $committee } published a bulletin: { $title }

nav-feed = Feed
feed-title = Feed
feed-lead = Bulletins from your committees and councils, and from the network they belong to, newest first.
feed-empty = No bulletins yet.
bulletins-link = Bulletins
bulletins-of = Bulletins of { $committee }
bulletins-empty = No bulletins yet.
bulletins-older = Older bulletins
bulletins-publish = Publish a bulletin
bulletins-publish-submit = Publish
bulletins-field-body = Text
bulletins-markdown-hint = You can use Markdown: **bold**, *italics*, lists with -, links as [text](https://…). Images and HTML are not shown.
bulletins-add-translation = Add a version in another language
bulletin-audience-members = Members only
bulletin-audience-network = Network
bulletin-audience-members-explained = Members only: this committee's members
bulletin-audience-network-explained = Network: from a workplace, also its councils; from a council, also every committee below it
bulletin-read-in = Read it in { $language }
field-audience = Audience
field-translation-language = Language of the other version
field-translation-title = Title of the other version
field-translation-body = Text of the other version
field-cursor = Page
audit-bulletin-published = { $actor } published the bulletin “{ $title }”
feed-empty-next = Bulletins from your committees and the councils they belong to show here.
