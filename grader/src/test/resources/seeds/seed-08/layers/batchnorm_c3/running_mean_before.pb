Brunning_mean_beforeJ{
#?#ô/?’å¾