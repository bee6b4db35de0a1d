Bb2_step2J“Î½O†>”
>