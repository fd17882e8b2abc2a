# What a form says when something in it must be fixed.
form-problems = { $count ->
    [one] One thing in this form needs fixing:
   *[other] { $count } things in this form need fixing:
}
form-expired = This form had expired, so nothing was sent. What you typed is still here (passwords excepted): check it and send it again.
form-choose = Choose one…
