B	grad_biasJ )%?~¢>QŸ
¿ù–ƒ>