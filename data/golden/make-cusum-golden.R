# CUSUM golden cases for Accord (listed in cases-cusum-accord.csv), made like the shared ones (see README.md
# "The R calls"): R 4.2.2, surveillance 1.20.3. Run from the repository root:  Rscript data/golden/make-cusum-golden.R
# It writes output/<case>.csv for each case below and cases-cusum-accord.csv; the tests read them, never R.
#
# cusum(sts, control) has no default range (R stops: is.vector(control[["range"]], mode = "numeric") is not TRUE),
# so every case gives one. `expected` is R's control$m: the mean of all weeks before the range unless m is given.
# cusum runs each series on its own, but the sts keeps only the last series' control, so each series is run
# alone here to read its own m (same results as one call on the whole sts).
suppressPackageStartupMessages(library(surveillance))
stopifnot(as.character(packageVersion("surveillance")) == "1.20.3")

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
dir <- if (length(script) == 1) dirname(normalizePath(script)) else "data/golden"

read_input <- function(file) {
  d <- read.csv(file.path(dir, file), colClasses = c("character", "character", "numeric"))
  dates <- sort(unique(as.Date(d$period)))
  series <- unique(d$series)
  obs <- matrix(NA_real_, nrow = length(dates), ncol = length(series), dimnames = list(NULL, series))
  obs[cbind(match(as.Date(d$period), dates), match(d$series, series))] <- d$count
  list(dates = dates, series = series, observed = obs)
}

fmt <- function(x) ifelse(is.na(x), "", sprintf("%.15g", x))

case_rows <- character(0)
make_case <- function(dataset, from, to, params = list(), suffix = NULL) {
  input <- paste0("input/", dataset, ".csv")
  inp <- read_input(input)
  x <- sts(observed = inp$observed, epoch = as.numeric(inp$dates), epochAsDate = TRUE, frequency = 52)
  r <- which(inp$dates >= as.Date(from) & inp$dates <= as.Date(to))
  control <- c(list(range = r), params)
  res <- cusum(x, control = control, verbose = FALSE)
  names_sorted <- sort(names(params))
  tag <- paste(c(if (length(params)) paste0(names_sorted, "-", sapply(names_sorted, function(n) params[[n]])), suffix),
               collapse = "_")
  name <- paste0(dataset, "__cusum", if (nchar(tag)) paste0("__", tag) else "")
  rows <- list()
  for (j in seq_along(inp$series)) {
    one <- cusum(x[, j], control = control)
    stopifnot(identical(upperbound(one)[, 1], upperbound(res)[, j]), identical(alarms(one)[, 1], alarms(res)[, j]))
    m <- rep_len(one@control$m, length(r))
    rows[[j]] <- data.frame(
      series = inp$series[j], period = format(inp$dates[r]), count = fmt(inp$observed[r, j]),
      expected = fmt(m), upperbound = fmt(upperbound(res)[, j]),
      alarm = ifelse(is.na(alarms(res)[, j]), "", as.integer(alarms(res)[, j]))
    )
  }
  out <- do.call(rbind, rows)
  write.csv(out, file.path(dir, "output", paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
  cat(name, nrow(out), "rows,", sum(out$expected == ""), "undefined expected,", sum(out$alarm == ""),
      "undefined alarms,", sum(out$alarm == "1"), "alarms\n")
  p <- if (length(params)) paste0(names_sorted, "=", sapply(names_sorted, function(n) params[[n]])) else character(0)
  cli <- paste(c("accord detect --method cusum --input", input, "--output OUT.csv --from", from, "--to", to,
                 if (length(p)) paste("--param", p)), collapse = " ")
  case_rows <<- c(case_rows, paste(name, "cusum", input, paste0("output/", name, ".csv"), from, to,
                                   paste(p, collapse = " "), "1e-6", cli, sep = ","))
}

# Defaults (k = 1.04, h = 2.26, m = mean of the weeks before the range, trans = "standard", alpha = 0.1).
make_case("salmonella_agona", "1992-12-28", "1995-12-18")
make_case("measlesDE", "2006-01-02", "2007-12-24")
# Other k and h, and a range starting at the very first week: R then takes m = observed[1] (observed[1:0]).
make_case("salmonella_agona", "1995-01-02", "1995-12-18", list(k = 0.5, h = 4))
make_case("salmonella_agona", "1990-01-01", "1991-12-23", list(k = 2, h = 1.5), suffix = "first-week")
# A given m.
make_case("salmonella_agona", "1993-01-04", "1995-12-18", list(m = 4))
# The transformations.
for (trans in c("rossi", "anscombe", "anscombe2nd", "pearsonNegBin", "anscombeNegBin", "none")) {
  make_case("salmonella_agona", "1992-12-28", "1995-12-18", list(trans = trans))
}
make_case("salmonella_agona", "1992-12-28", "1995-12-18", list(trans = "pearsonNegBin", alpha = 0.3))
make_case("salmonella_agona", "1992-12-28", "1995-12-18", list(trans = "anscombeNegBin", alpha = 0.5, h = 6))
make_case("salmonella_agona", "1992-12-28", "1995-12-18", list(trans = "none", h = 20, k = 3))
# measlesDE: states with no case before the range have m = 0 (R's 0/0 and Inf, upperbound patched to 0).
make_case("measlesDE", "2005-07-04", "2007-12-24", list(trans = "rossi", k = 0.5, h = 5))
make_case("measlesDE", "2006-01-02", "2007-12-24", list(trans = "anscombe"))
make_case("measlesDE", "2006-01-02", "2007-12-24", list(trans = "anscombeNegBin"))
make_case("measlesDE", "2006-01-02", "2006-12-25", list(trans = "pearsonNegBin", alpha = 0.2, m = 1.5))

writeLines(c("case,method,input,reference_output,from,to,params,tolerance,cli", case_rows),
           file.path(dir, "cases-cusum-accord.csv"))
