B	db1_step2JÉ¾ô­ƒ¿
r¾TŸÎ?