B	grad_biasJ½vÍ¿
'„?^â„>