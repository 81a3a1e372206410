# The benchmark job in R data.table, as an analyst would write it.
#
#   Rscript bench/peers/datatable_job.R <file>
#
# fread reads the Windows-1252 export (title line skipped, the one-line footer discarded, types
# detected: the ISO date columns become IDate); identity numbers are normalised to 12 digits for
# counting persons. Prints the canonical 36-row result (bench/peers/README.md).
suppressPackageStartupMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
FROM <- as.IDate("2023-01-01"); TO <- as.IDate("2023-12-31")
REFERENCE_YEAR <- 2024L

dt <- suppressWarnings(fread(args[1], sep = ";", skip = 1, header = TRUE, encoding = "Latin-1", showProgress = FALSE,
                             colClasses = list(character = c(1, 2, 10, 12))))
setnames(dt, c(1, 2, 4, 8, 9, 10, 12), c("pnr", "sex", "programme", "start", "end", "reason", "form"))
dt <- dt[!is.na(programme) & programme != ""]
if (!inherits(dt$start, "IDate")) dt[, start := as.IDate(start)]
if (!inherits(dt$end, "IDate")) dt[, end := as.IDate(ifelse(end == "", NA_character_, end))]

dt[, pid := gsub("-", "", pnr, fixed = TRUE)]
dt[nchar(pid) == 10L, pid := paste0(ifelse(as.integer(substr(pid, 1, 2)) + 2000L <= REFERENCE_YEAR, "20", "19"), pid)]

# A person's gender: K or M when the rows agree, else X (unknown or conflicting).
dt[, `:=`(isK = sex == "K", isM = sex == "M")]
pg <- dt[, .(k = sum(isK), m = sum(isM)), by = pid]   # sum() runs as data.table's fast grouped sum
pg[, gender := fifelse(k > 0 & m == 0, "K", fifelse(m > 0 & k == 0, "M", "X"))]
dt[pg, on = "pid", gender := i.gender]

reasons <- c(a = "A", b = "B", c = "C", d = "D", e = "E", arbete = "A", studier = "B", "annan myndighet" = "C")
reasons[enc2utf8("fullf\u00f6ljt uppdrag")] <- "D"
r <- reasons[tolower(trimws(enc2utf8(dt$reason)))]
dt[, r := fifelse(is.na(r), "E", unname(r))]
municipal <- enc2utf8(c("resursjobb", "valfardsjobb", "resurs jobb", "v\u00e4lf\u00e4rdsjobb"))
dt[, ended := !is.na(end) & end >= FROM & end <= TO]
dt[, work := ended & (r == "B" | (r == "A" & !(tolower(trimws(enc2utf8(form))) %chin% municipal)))]

ov <- dt[start <= TO & (is.na(end) | end >= FROM)]
part <- rbind(ov[, .(participants = uniqueN(pid)), by = .(programme, gender)],
              ov[, .(participants = uniqueN(pid), gender = "T"), by = programme])
counts <- c("ended", "endedA", "endedB", "endedC", "endedD", "endedE", "workOrStudies")
dt[, `:=`(endedA = ended & r == "A", endedB = ended & r == "B", endedC = ended & r == "C", endedD = ended & r == "D",
          endedE = ended & r == "E", workOrStudies = work)]
cnt <- rbind(dt[, lapply(.SD, sum), by = .(programme, gender), .SDcols = counts],
             dt[, lapply(.SD, sum), by = programme, .SDcols = counts][, gender := "T"], use.names = TRUE)

grid <- CJ(programme = sort(unique(dt$programme), method = "radix"), gender = c("K", "M", "X", "T"), sorted = FALSE)
res <- merge(merge(grid, part, by = c("programme", "gender"), all.x = TRUE, sort = FALSE), cnt, by = c("programme", "gender"), all.x = TRUE, sort = FALSE)
for (col in setdiff(names(res), c("programme", "gender"))) set(res, which(is.na(res[[col]])), col, 0L)
res[, g := match(gender, c("K", "M", "X", "T"))]
setorder(res, programme, g)
res[, share := fifelse(ended > 0, sprintf("%.6f", workOrStudies / ended), "")]
cat("programme;gender;participants;ended;endedA;endedB;endedC;endedD;endedE;workOrStudies;share\n")
cat(res[, paste(programme, gender, participants, ended, endedA, endedB, endedC, endedD, endedE, workOrStudies, share, sep = ";")], sep = "\n")
