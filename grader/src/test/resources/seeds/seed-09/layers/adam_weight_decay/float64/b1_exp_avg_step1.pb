Bb1_exp_avg_step1Jì;¿›”=
	<XÎÊ¾