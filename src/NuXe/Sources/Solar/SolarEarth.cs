using System.Globalization;

namespace NuXe.Sources.Solar;

/// <summary>The Earth-matter setting of a solar channel (preset keys solar.earth, solar.latitude_deg, solar.exposure_start/end) as a <see cref="SolarExposure"/>.</summary>
public static class SolarEarth
{
    /// <summary>
    /// "day" → <see cref="SolarExposure.DayOnly"/>; "night" / "average" → the nadir distribution at the latitude over the
    /// exposure period (night part only for "night"). Throws <see cref="ArgumentException"/> naming what is missing.
    /// </summary>
    public static SolarExposure Exposure(string earth, double? latitudeDeg, string? start, string? end)
    {
        if (earth == "day") return SolarExposure.DayOnly;
        if (earth is not ("night" or "average")) throw new ArgumentException($"earth must be day, night or average, not '{earth}'");
        if (latitudeDeg is not { } lat) throw new ArgumentException($"earth = \"{earth}\" needs solar.latitude_deg");
        DateOnly Parse(string? text, string key) => text is not null && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw new ArgumentException($"earth = \"{earth}\" needs solar.{key} as an ISO date YYYY-MM-DD (got '{text}')");
        var s = Parse(start, "exposure_start"); var e = Parse(end, "exposure_end");
        if (e < s) throw new ArgumentException($"solar.exposure_end {end} is before solar.exposure_start {start}");
        var x = SolarExposure.Compute(lat, s, e);
        return earth == "night" ? x.NightOnly() : x;
    }
}
