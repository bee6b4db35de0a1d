B	grad_biasJºvÍ¿
'„?`â„>