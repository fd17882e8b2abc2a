# Waxa foomku sheego marka wax ku jira la saxo.
form-problems = { $count ->
    [one] Hal shay oo foomkan ku jira ayaa u baahan in la saxo:
   *[other] { $count } shay oo foomkan ku jira ayaa u baahan in la saxo:
}
form-expired = Foomkani waqtigiisii wuu dhacay, sidaa darteed waxba lama dirin. Waxaad qortay weli halkan ayay yaalliin (marka laga reebo ereyada sirta ah): hubi oo mar kale dir.
form-choose = Mid dooro…
