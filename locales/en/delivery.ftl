## Delivery to phones and e-mail

delivery-settings-link = Phone and e-mail notifications
delivery-title-page = Phone and e-mail notifications
delivery-intro = Choose what reaches you when Outnumber is not open: as a notification on this phone, or by e-mail. Everything else waits in your notifications here.
delivery-push-heading = Notifications on this phone
delivery-push-devices = { $count ->
    [0] No phone or browser receives your notifications yet.
    [one] One phone or browser receives your notifications.
   *[other] { $count } phones or browsers receive your notifications.
}
delivery-push-unavailable = Notifications on this phone need JavaScript and a browser that supports them. On an iPhone, first add Outnumber to your home screen.
delivery-push-enable = Turn on notifications on this phone
delivery-push-disable = Turn off notifications on this phone
delivery-push-on = Notifications are on for this phone.
delivery-push-off = Notifications are off for this phone.
delivery-push-denied = Your browser blocks notifications from this site. Allow them in the browser's site settings, then try again.
delivery-push-failed = Could not turn on notifications on this phone. Try again later.
delivery-categories = What reaches you
delivery-category = Kind
delivery-channel-push = Phone
delivery-channel-email = E-mail
delivery-categories-hint = Incident reports reach you only when they are urgent ("happening now"). Everything starts turned on.
delivery-category-emergency-meetings = Emergency meetings
delivery-category-actions = Actions (called, going ahead, called off)
delivery-category-incidents = Incidents (urgent reports, resolved, withdrawn)
delivery-category-bulletins = Bulletins
field-email = E-mail address
delivery-email-hint = Optional. It is stored encrypted, used only to send you what you chose above, and shown to nobody but you. Leave it empty to remove it.
delivery-email-unavailable = This server does not send e-mail.
delivery-title-emergency-meetings = Emergency meeting
delivery-title-actions = Action
delivery-title-incidents = Incident alert
delivery-title-bulletins = New bulletin
delivery-mail-footer = You get this because you asked Outnumber to e-mail you about it. To change what you receive:

# One-click unsubscribe: the line before the link at the end of each mail, and the page the link opens.
delivery-mail-unsubscribe-emergency-meetings = To get no more e-mails about emergency meetings:
delivery-mail-unsubscribe-actions = To get no more e-mails about actions:
delivery-mail-unsubscribe-incidents = To get no more e-mails about incidents:
delivery-mail-unsubscribe-bulletins = To get no more e-mails about bulletins:
delivery-unsubscribe-ask-emergency-meetings = Stop e-mails about emergency meetings?
delivery-unsubscribe-ask-actions = Stop e-mails about actions?
delivery-unsubscribe-ask-incidents = Stop e-mails about incidents?
delivery-unsubscribe-ask-bulletins = Stop e-mails about bulletins?
delivery-unsubscribe-what = Outnumber will send no more e-mails of this kind to your address. Everything else stays as it is: notifications on your phone and in Outnumber, and the other e-mails you chose. You can turn these e-mails back on in your notification settings.
delivery-unsubscribe-confirm = Stop these e-mails
delivery-unsubscribed-emergency-meetings = E-mails about emergency meetings are off
delivery-unsubscribed-actions = E-mails about actions are off
delivery-unsubscribed-incidents = E-mails about incidents are off
delivery-unsubscribed-bulletins = E-mails about bulletins are off
delivery-unsubscribed-text = No more e-mails of this kind will be sent to you. Notifications on your phone and in Outnumber stay as they were. To turn these e-mails back on, log in and open your notification settings.
