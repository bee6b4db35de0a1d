B	db2_step1J|ÿ·∂
A»∑á6÷∏