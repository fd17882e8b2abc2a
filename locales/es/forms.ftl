# Lo que dice un formulario cuando hay algo que corregir.
form-problems = { $count ->
    [one] Hay una cosa que corregir en este formulario:
   *[other] Hay { $count } cosas que corregir en este formulario:
}
form-expired = Este formulario había caducado, así que no se envió nada. Lo que escribiste sigue aquí (salvo las contraseñas): revísalo y envíalo de nuevo.
form-choose = Elige uno…
