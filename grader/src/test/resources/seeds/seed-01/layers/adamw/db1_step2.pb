B	db1_step2Jª5¿r
<=–Ø|<CŠ…?