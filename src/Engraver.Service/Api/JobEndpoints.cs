using System.Security.Claims;
using Engraver.Core.Input;
using Engraver.Core.Jobs;
using Engraver.Service.Jobs;
using Engraver.Service.Options;
using Engraver.Service.Station;
using Engraver.Traceability.Commands;
using Engraver.Traceability.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Engraver.Service.Api;

/// <summary>GET /api/jobs and POST /api/jobs, /api/jobs/{id}/{pause,resume,cancel}: the persisted job queue.</summary>
public static class JobEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var jobs = api.MapGroup("/jobs");
        jobs.MapGet("", ListAsync);
        jobs.MapPost("", SubmitAsync).RequireAuthorization(ApiPolicies.Operator);
        jobs.MapPost("/{id}/pause", (string id, ClaimsPrincipal user, ApiCommandRunner runner, CancellationToken ct) =>
            ApplyAsync(id, JobCommand.Pause, user, runner, ct)).RequireAuthorization(ApiPolicies.Operator);
        jobs.MapPost("/{id}/resume", (string id, ClaimsPrincipal user, ApiCommandRunner runner, CancellationToken ct) =>
            ApplyAsync(id, JobCommand.Resume, user, runner, ct)).RequireAuthorization(ApiPolicies.Operator);
        jobs.MapPost("/{id}/cancel", (string id, ClaimsPrincipal user, ApiCommandRunner runner, CancellationToken ct) =>
            ApplyAsync(id, JobCommand.Cancel, user, runner, ct)).RequireAuthorization(ApiPolicies.Supervisor);
    }

    private static async Task<IResult> ListAsync(StationRuntime runtime, CancellationToken ct) =>
        runtime.Devices is { } devices
            ? Results.Ok(await devices.Records.Jobs.ListAsync(ct).ConfigureAwait(false))
            : Results.Problem(title: "The station is not started", detail: "The job queue is read through the station's record store, which opens when the station starts.", statusCode: StatusCodes.Status409Conflict);

    private static async Task<IResult> SubmitAsync(HttpRequest request, string? name, ClaimsPrincipal user, ApiCommandRunner runner, Recipes.StationRecipes recipes, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(name) && FreeText.Problem(Path.GetFileName(name), TextField.Id("name")) is { } badName)
        {
            return await runner.RefuseInputAsync(user, "submit-job", CommandArguments.From([new("file", FreeText.Quote(name))]), "name", badName, ct).ConfigureAwait(false);
        }

        var fileName = string.IsNullOrWhiteSpace(name) ? DefaultName(request.ContentType) : Path.GetFileName(name);
        if (request.ContentLength > InputLimits.MaxJobFileBytes)
        {
            return TooLarge(fileName);
        }

        // A body sent without a length (chunked) is read only up to the limit.
        var (bytes, tooLarge) = await JobFileBytes.ReadAsync(request.Body, fileName, ct).ConfigureAwait(false);
        if (bytes is null)
        {
            return TooLarge(fileName, tooLarge);
        }

        var arguments = CommandArguments.From([new("file", fileName), new("bytes", bytes.Length)]);
        return await runner.RunAsync(user, "submit-job", arguments, async c =>
        {
            var submitted = await JobSubmitter.For(c.Records, recipes.Book.Names).SubmitAsync(fileName, bytes, null, c.User, c.CancellationToken).ConfigureAwait(false);
            return submitted.Job is { } job
                ? new { jobId = job.JobId, total = job.Total }
                : throw new CommandRefusedException(
                    $"The job file was refused, nothing was queued: {string.Join("; ", submitted.Errors)}", StatusCodes.Status400BadRequest);
        }, ct).ConfigureAwait(false);
    }

    private static Task<IResult> ApplyAsync(string id, JobCommand command, ClaimsPrincipal user, ApiCommandRunner runner, CancellationToken ct) =>
        FreeText.Problem(id, TextField.Id("jobId")) is { } badId
            ? runner.RefuseInputAsync(user, command.ToString().ToLowerInvariant() + "-job", CommandArguments.From([new("jobId", FreeText.Quote(id))]), "jobId", badId, ct)
            : runner.RunAsync(user, command.ToString().ToLowerInvariant() + "-job", CommandArguments.From([new("jobId", id)]), async c =>
        {
            try
            {
                var job = await c.Records.Jobs.ApplyAsync(id, command, c.CancellationToken).ConfigureAwait(false);
                return new { jobId = job.JobId, state = job.State.ToString() };
            }
            catch (JobQueueException refused)
            {
                throw new CommandRefusedException(refused.Message);
            }
        }, ct);

    private static IResult TooLarge(string fileName, JobFileError? error = null) => Results.Problem(
        title: "The job file is too large",
        detail: (error ?? JobFileParser.TooLarge(fileName)).ToString(),
        statusCode: StatusCodes.Status413PayloadTooLarge);

    private static string DefaultName(string? contentType) =>
        contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true ? "job.json" : "job.csv";
}
