B	db1_step3J
a=‡¥¿)š…?ıU¾