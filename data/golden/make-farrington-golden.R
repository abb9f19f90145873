# Extra farringtonFlexible golden cases for Accord (R 4.2.2, surveillance 1.20.3): rows of cases-farrington-accord.csv
# and their outputs in output/. Run from data/golden: Rscript make-farrington-golden.R
suppressMessages(library(surveillance))
fmt <- function(v) ifelse(is.na(v), "", formatC(v, digits = 15, format = "g"))
run <- function(dataset, name, method, params, from, to) {
  d <- read.csv(file.path("input", paste0(dataset, ".csv")), stringsAsFactors = FALSE)
  dates <- sort(unique(as.Date(d$period)))
  series <- unique(d$series)
  obs <- sapply(series, function(s) { x <- d[d$series == s, ]; x$count[match(dates, as.Date(x$period))] })
  x <- sts(observed = matrix(obs, ncol = length(series)), epoch = as.numeric(dates), epochAsDate = TRUE, frequency = 52)
  r <- which(dates >= as.Date(from) & dates <= as.Date(to))
  control <- list(range = r)
  if (method == "noufaily") control <- modifyList(control, list(noPeriods = 10, pastWeeksNotIncluded = 26, weightsThreshold = 2.58, thresholdMethod = "nbPlugin"))
  control <- modifyList(control, params)
  res <- farringtonFlexible(x, control = control)
  out <- do.call(rbind, lapply(seq_along(series), function(j) data.frame(
    series = series[j], period = format(dates[r]), count = obs[r, j],
    expected = fmt(res@control$expected[, j]), upperbound = fmt(upperbound(res)[, j]),
    alarm = ifelse(is.na(alarms(res)[, j]), "", as.integer(alarms(res)[, j])))))
  file <- file.path("output", paste0(dataset, "__", name, ".csv"))
  write.csv(out, file, row.names = FALSE, quote = FALSE)
  ptext <- paste(names(params), sapply(params, function(p) if (is.logical(p)) if (p) "TRUE" else "FALSE" else paste(p, collapse = ",")), sep = "=", collapse = " ")
  data.frame(case = paste0(dataset, "__", name), method = method, input = file.path("input", paste0(dataset, ".csv")),
    reference_output = file, from = from, to = to, params = ptext, tolerance = "1e-3",
    cli = paste("accord detect --method", method, "--input", file.path("input", paste0(dataset, ".csv")), "--output OUT.csv --from", from, "--to", to,
      paste(paste("--param", strsplit(ptext, " ")[[1]]), collapse = " ")))
}
cases <- rbind(
  run("salmonella_agona", "farrington-flexible-muan", "farrington-flexible", list(thresholdMethod = "muan", alpha = 0.01), "1995-01-23", "1995-12-18"),
  run("salmonella_agona", "farrington-flexible-notrend-sqrt", "farrington-flexible", list(trend = FALSE, powertrans = "1/2", alpha = 0.1), "1995-01-23", "1995-12-18"),
  run("salmonella_agona", "farrington-flexible-periods4-b3", "farrington-flexible", list(noPeriods = 4, b = 3, w = 2, reweight = FALSE), "1994-01-03", "1995-12-18"),
  run("salmonella_agona", "noufaily-b4-pwni8", "noufaily", list(b = 4, pastWeeksNotIncluded = 8, alpha = 0.02), "1994-02-07", "1995-12-18"),
  run("measlesDE", "farrington-flexible-none-nbplugin", "farrington-flexible", list(b = 2, powertrans = "none", thresholdMethod = "nbPlugin"), "2007-01-22", "2007-12-24"))
write.csv(cases, "cases-farrington-accord.csv", row.names = FALSE, quote = FALSE)
