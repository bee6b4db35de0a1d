Bb1_step1JZÕ
¾„ôl¿•s>jÿè>