# Qhov daim foos hais thaum muaj ib yam hauv nws yuav tsum kho.
form-problems = { $count ->
   *[other] Muaj { $count } yam hauv daim foos no yuav tsum kho:
}
form-expired = Daim foos no tas sij hawm lawm, yog li tsis tau xa dab tsi li. Yam koj tau sau tseem nyob ntawm no (tsis suav cov lo lus zais): kuaj xyuas thiab xa dua.
form-choose = Xaiv ib qho…
