B	db2_step1J<9¸7¥¸’
–¸