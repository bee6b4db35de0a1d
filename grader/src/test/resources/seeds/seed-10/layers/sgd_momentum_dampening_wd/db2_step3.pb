B	db2_step3JD,¸
Vò8FC¸