Brunning_varJSÉÊ?
¦€?ˆŒm?