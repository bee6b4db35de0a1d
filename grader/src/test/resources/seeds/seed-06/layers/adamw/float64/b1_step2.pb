Bb1_step2J5
H?2xè>•T€?_Œ¿