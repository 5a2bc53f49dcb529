import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "../auth/admin-context.server";
import { prisma } from "../db/prisma.server";
import { previewSettingsForm } from "../settings-page/settings-page.server";

/** The settings page's live preview: the posted, unsaved form in, the invoice it would give out. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const submitted = Object.fromEntries(
    [...(await request.formData()).entries()].map(([key, value]) => [key, String(value)]),
  );
  return Response.json(await previewSettingsForm(prisma(), shop, submitted));
};

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await requireAdmin(request);
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
};
