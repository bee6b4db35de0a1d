B	grad_biasJ»vÍ¿
'„?`â„>