Brunning_meanJ¶
"?s\2?/Kh¾