B	db1_step2J2ê-?•WÀà
ô¾K¢Ö?