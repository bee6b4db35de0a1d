B	grad_biasJ
Û@Nðx@