# Golden cases for the original Farrington et al. (1996) method, surveillance::farrington (algo.farrington), for Accord
# (R 4.2.2, surveillance 1.20.3): rows of cases-farrington1996-accord.csv and their outputs in output/.
# Run from data/golden: Rscript make-farrington1996-golden.R
# Outputs: upperbound(res), alarms(res); expected = control$pd[, 2], the median of the power-transformed normal
# approximation, i.e. the predicted mean mu0 (R's algo.farrington stores no control$expected). wrap.algo keeps only
# the last series' control, so each series is run on its own (x[, j]) to read its pd.
# Note: where R's limit54 rule applies (fewer than 5 cases in the last 4 weeks) R's upperbound is 0 (not NA), alarm 0.
suppressMessages(library(surveillance))
fmt <- function(v) ifelse(is.na(v), "", trimws(formatC(v, digits = 15, format = "g")))
run <- function(dataset, name, params, from, to) {
  d <- read.csv(file.path("input", paste0(dataset, ".csv")), stringsAsFactors = FALSE)
  dates <- sort(unique(as.Date(d$period)))
  series <- unique(d$series)
  obs <- sapply(series, function(s) { x <- d[d$series == s, ]; x$count[match(dates, as.Date(x$period))] })
  x <- sts(observed = matrix(obs, ncol = length(series)), epoch = as.numeric(dates), epochAsDate = TRUE, frequency = 52)
  r <- which(dates >= as.Date(from) & dates <= as.Date(to))
  control <- modifyList(list(range = r), params)
  out <- do.call(rbind, lapply(seq_along(series), function(j) {
    res <- suppressWarnings(farrington(x[, j], control = control))
    data.frame(series = series[j], period = format(dates[r]), count = obs[r, j],
      expected = fmt(res@control$pd[, 2]), upperbound = fmt(upperbound(res)[, 1]),
      alarm = ifelse(is.na(alarms(res)[, 1]), "", as.integer(alarms(res)[, 1])))
  }))
  file <- file.path("output", paste0(dataset, "__", name, ".csv"))
  write.csv(out, file, row.names = FALSE, quote = FALSE)
  ptext <- if (length(params) == 0) "" else paste(names(params), sapply(params, function(p) if (is.logical(p)) if (p) "TRUE" else "FALSE" else paste(p, collapse = ",")), sep = "=", collapse = " ")
  data.frame(case = paste0(dataset, "__", name), method = "farrington", input = file.path("input", paste0(dataset, ".csv")),
    reference_output = file, from = from, to = to, params = ptext, tolerance = "1e-3",
    cli = paste0("accord detect --method farrington --input ", file.path("input", paste0(dataset, ".csv")), " --output OUT.csv --from ", from, " --to ", to,
      if (ptext == "") "" else paste0(" ", paste(paste("--param", strsplit(ptext, " ")[[1]]), collapse = " "))))
}
cases <- rbind(
  run("salmonella_agona", "farrington", list(), "1995-01-23", "1995-12-18"),
  run("measlesDE", "farrington", list(b = 2), "2007-01-22", "2007-12-24"),
  run("salmonella_agona", "farrington-notrend-sqrt", list(trend = FALSE, powertrans = "1/2", alpha = 0.01), "1995-01-23", "1995-12-18"),
  run("salmonella_agona", "farrington-b3-w2-noreweight", list(b = 3, w = 2, reweight = FALSE, powertrans = "none", limit54 = c(3, 2)), "1994-01-03", "1995-12-18"))
# Quote only the fields with a comma (limit54=3,2).
q <- function(v) ifelse(grepl(",", v), paste0('"', v, '"'), v)
cases$params <- q(cases$params)
cases$cli <- q(cases$cli)
write.csv(cases, "cases-farrington1996-accord.csv", row.names = FALSE, quote = FALSE)
