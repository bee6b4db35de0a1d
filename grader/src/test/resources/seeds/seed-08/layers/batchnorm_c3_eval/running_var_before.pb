Brunning_var_beforeJ¨‹•?ê
I?c‘?