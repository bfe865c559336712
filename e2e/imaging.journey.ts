// An administrator opens Imaging and uploads a handful of files with the "Choose files" button: two studies made
// here as DICOM (one whose Patient ID is a patient's MRN, one for a name Carebase does not know), a text file and a
// file that only looks like DICOM. The summary says what was stored, refused (with the archive's reason) and
// skipped. The admin finds the matched study in the list, opens it, sees its series thumbnails drawn, steps
// through a series in the preview with the arrow keys and reads its tags. The unmatched study is linked to the
// patient from its own page, and both studies then show in the patient's chart. The admin tabs (peers, DIMSE
// activity, Orthanc) are shot too, once in Spanish.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { makeDicom, newUid } from '../server/src/modules/imaging/imaging-fixtures.ts';
import { ADMIN_PASSWORD, adminSession, call } from './api-setup.ts';
import { launchBrowser, otherScreens, shooter, signedIn, startServer } from './harness.ts';

/** Shoots from the top with no focus ring left from the last click. */
async function fromTheTop(page: Page) {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    (document.activeElement as HTMLElement | null)?.blur();
  });
}

/** The files of one study: `series` series of `images` images each, 64×64 (a gradient). */
function study(options: {
  patientId: string;
  patientName: string;
  description: string;
  accession: string;
  modality: string;
  series: number;
  images: number;
}): { name: string; data: Buffer }[] {
  const studyUid = newUid();
  const files: { name: string; data: Buffer }[] = [];
  for (let s = 1; s <= options.series; s++) {
    const seriesUid = newUid();
    for (let i = 1; i <= options.images; i++) {
      files.push({
        name: `${options.accession}-S${s}-I${i}.dcm`,
        data: makeDicom({
          studyUid,
          seriesUid,
          patientId: options.patientId,
          patientName: options.patientName,
          patientBirthDate: '19640212',
          studyDescription: options.description,
          accessionNumber: options.accession,
          modality: options.modality,
          seriesNumber: s,
          instanceNumber: i,
          rows: 64,
          columns: 64,
        }),
      });
    }
  }
  return files;
}

export async function run(): Promise<void> {
  const server = await startServer();
  const shot = shooter('imaging');
  const browser = await launchBrowser();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-e2e-imaging-'));
  let current: Page | null = null;
  try {
    const { api, recoveryCode } = await adminSession(server);
    const patient = await call<{ id: string; mrn: string; displayName: string }>(
      api,
      'post',
      '/api/patients',
      {
        givenName: 'Marta',
        familyName: 'Quiroga',
        sex: 'female',
        birthDate: '1964-02-12',
        confirmDuplicate: true,
      },
    );

    // The files, as a radiology CD would hand them over, plus two that are not studies.
    const matched = study({
      patientId: patient.mrn,
      patientName: 'Quiroga^Marta',
      description: 'CT chest',
      accession: 'ACC-CT-1',
      modality: 'CT',
      series: 2,
      images: 3,
    });
    const unmatched = study({
      patientId: 'EXT-4471',
      patientName: 'QUIROGA^MARTA^E',
      description: 'Knee MR from the outside clinic',
      accession: 'ACC-MR-9',
      modality: 'MR',
      series: 1,
      images: 2,
    });
    const paths: string[] = [];
    for (const file of [...matched, ...unmatched]) {
      paths.push(path.join(folder, file.name));
      fs.writeFileSync(paths.at(-1)!, file.data);
    }
    paths.push(path.join(folder, 'notes.txt'));
    fs.writeFileSync(paths.at(-1)!, 'Report to follow.');
    paths.push(path.join(folder, 'broken.dcm'));
    fs.writeFileSync(paths.at(-1)!, Buffer.alloc(300, 7));

    const page = await signedIn(browser, server.baseUrl, server.adminEmail, ADMIN_PASSWORD, {
      otp: recoveryCode,
    });
    current = page;
    await page.getByRole('link', { name: 'Imaging', exact: true }).click();
    await page.getByRole('heading', { name: 'Imaging', level: 1 }).waitFor();
    await page.getByText('No studies yet').waitFor();
    await fromTheTop(page);
    await shot(page, 'empty');

    // Upload: every file as its own STOW-RS request, with a summary at the end.
    await page.getByLabel('Choose files', { exact: true }).setInputFiles(paths);
    const summary = page.getByRole('status').filter({ hasText: 'Upload finished' });
    await summary.waitFor({ timeout: 60_000 });
    const said = await summary.innerText();
    assert.match(said, /8 files stored/, said);
    assert.match(said, /1 refused/, said);
    assert.match(said, /1 skipped/, said);
    const files = page.getByRole('table', { name: 'Files of the upload' });
    await files
      .getByRole('row')
      .filter({ hasText: 'notes.txt' })
      .getByText('Not a DICOM file, by its name')
      .waitFor();
    const brokenRow = files.getByRole('row').filter({ hasText: 'broken.dcm' });
    await brokenRow.getByText('Refused').waitFor();
    assert.ok(
      (await brokenRow.innerText()).length > 'broken.dcm'.length + 20,
      'the refusal carries a reason',
    );
    // The list follows the new studies (imaging.changed over the socket).
    const list = page.getByRole('table').filter({ hasText: 'Series / images' });
    await list.getByRole('link', { name: 'CT chest' }).waitFor();
    await list.getByRole('link', { name: 'Knee MR from the outside clinic' }).waitFor();
    await list.getByRole('row').filter({ hasText: 'Knee MR' }).getByText('Unmatched').waitFor();
    await list
      .getByRole('row')
      .filter({ hasText: 'CT chest' })
      .getByText(patient.mrn, { exact: false })
      .waitFor();
    await fromTheTop(page);
    await shot(page, 'uploaded');
    await otherScreens(page, shot, 'uploaded');

    // Search by accession number, then open the study.
    await page.getByLabel('Search').fill('ACC-CT-1');
    await page.waitForURL((url) => url.searchParams.get('q') === 'ACC-CT-1');
    await list.getByRole('link', { name: 'Knee MR from the outside clinic' }).waitFor({ state: 'detached' });
    await list.getByRole('link', { name: 'CT chest' }).click();
    await page.getByRole('heading', { name: 'CT chest', level: 1 }).waitFor();
    const thumbnail = page.getByRole('img', { name: /^Thumbnail of Series 1/ });
    await thumbnail.waitFor();
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('img')].some(
          (img) => img.alt.startsWith('Thumbnail') && img.naturalWidth > 0,
        ),
      undefined,
      { timeout: 20_000 },
    );
    await page.getByText('Matched', { exact: true }).waitFor();
    await fromTheTop(page);
    await shot(page, 'study');
    await otherScreens(page, shot, 'study');

    // The preview: the middle image first, the arrow keys step through the series, the tags of each image.
    await page.getByRole('button', { name: /^Preview Series 1/ }).click();
    const preview = page.getByRole('dialog');
    await preview.getByText('Image 2 of 3', { exact: true }).waitFor();
    await preview.getByRole('group', { name: 'Image 2 of 3' }).focus();
    await page.keyboard.press('ArrowRight');
    await preview.getByText('Image 3 of 3', { exact: true }).waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[role="dialog"] img[alt^="Image 3 of 3"]');
      return !!img && img.complete && img.naturalWidth > 0;
    });
    const tags = preview.getByRole('table', { name: 'DICOM attributes of this image' });
    await tags.getByRole('row').filter({ hasText: 'PatientID' }).getByText(patient.mrn).waitFor();
    await tags.getByRole('row').filter({ hasText: 'PixelData' }).getByText('bulk data').waitFor();
    await preview.getByLabel('Find an attribute').fill('instancenumber');
    await tags
      .getByRole('row')
      .filter({ hasText: 'InstanceNumber' })
      .getByText('3', { exact: true })
      .waitFor();
    await shot(page, 'preview');
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'hidden' });

    // A series sent by mistake goes, with the reason asked first.
    await page.getByRole('button', { name: /^Delete Series 2/ }).click();
    const asking = page.getByRole('dialog', { name: 'Delete this series?' });
    await asking.getByRole('button', { name: 'Delete' }).click();
    await asking.getByText('Say why, in a few words.').waitFor();
    await asking.getByLabel('Reason').fill('Sent twice by the scanner');
    await asking.getByRole('button', { name: 'Delete' }).click();
    await asking.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: '1 series', level: 2 }).waitFor();

    // The unmatched study: linked to the patient from its page, with the files rewritten.
    await page.goto(`${server.baseUrl}/imaging?link=unmatched`);
    await list.getByRole('link', { name: 'Knee MR from the outside clinic' }).click();
    await page.getByRole('heading', { name: 'Knee MR from the outside clinic', level: 1 }).waitFor();
    const linking = page.getByRole('region', { name: 'Link to a patient' });
    await linking
      .getByText('The files name the patient QUIROGA, MARTA E, ID EXT-4471', { exact: false })
      .waitFor();
    await fromTheTop(page);
    await shot(page, 'unmatched-study');
    await linking.getByLabel('Or search for the patient').fill('Quiroga');
    await linking.getByRole('button', { name: new RegExp(`Quiroga.*${patient.mrn}`) }).click();
    await linking.getByText(`Link this study to Marta Quiroga (MRN ${patient.mrn})?`).waitFor();
    await linking.getByLabel('Write the patient’s MRN and name into the stored files').check();
    await linking.getByRole('button', { name: 'Link', exact: true }).click();
    // The page follows: the study is Linked, to the patient, and the linking panel is gone.
    await page.getByText('Linked', { exact: true }).waitFor({ timeout: 30_000 });
    await linking.waitFor({ state: 'detached' });

    // The patient's chart lists both studies, each with its thumbnail.
    await page.getByRole('link', { name: 'Marta Quiroga' }).first().click();
    await page.getByRole('tab', { name: 'Imaging', selected: true }).waitFor();
    await page.getByRole('link', { name: 'CT chest' }).waitFor();
    await page.getByRole('link', { name: 'Knee MR from the outside clinic' }).waitFor();
    await page.getByText('Series: 1 · Images: 3').waitFor();
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('img')].filter(
          (img) => img.alt.startsWith('Preview of the study') && img.naturalWidth > 0,
        ).length === 2,
      undefined,
      { timeout: 20_000 },
    );
    await fromTheTop(page);
    await shot(page, 'chart');
    await otherScreens(page, shot, 'chart');

    // A zip dropped on the chart: its study names someone Carebase does not know, so it comes in unmatched and
    // the chart offers to link it to this patient. The zip's text file is skipped.
    const outside = study({
      patientId: 'XR-0193',
      patientName: 'Quiroga^M',
      description: 'Hand X-ray',
      accession: 'ACC-DX-3',
      modality: 'DX',
      series: 1,
      images: 1,
    });
    const zipPath = path.join(folder, 'hand-xray.zip');
    fs.writeFileSync(
      zipPath,
      zipSync({
        'DICOM/IM0001': new Uint8Array(outside[0]!.data),
        'README.TXT': new TextEncoder().encode('Burned by the outside clinic.'),
      }),
    );
    await page.getByLabel('Choose files', { exact: true }).setInputFiles(zipPath);
    const chartSummary = page.getByRole('status').filter({ hasText: 'Upload finished' });
    await chartSummary.getByText('1 file stored · 1 skipped').waitFor({ timeout: 60_000 });
    await page.getByText('1 study came in without a patient').waitFor();
    await page.getByRole('checkbox', { name: /Hand X-ray/ }).waitFor();
    await fromTheTop(page);
    await shot(page, 'chart-upload');
    await page.getByRole('button', { name: 'Link this study to Marta Quiroga' }).click();
    await page.getByRole('link', { name: 'Hand X-ray' }).waitFor({ timeout: 30_000 });

    // Dropped rather than chosen: a file dragged onto the upload zone goes the same way.
    const dropped = study({
      patientId: patient.mrn,
      patientName: 'Quiroga^Marta',
      description: 'Ultrasound follow-up',
      accession: 'ACC-US-5',
      modality: 'US',
      series: 1,
      images: 1,
    })[0]!;
    await page.goto(`${server.baseUrl}/imaging`);
    const zone = page.getByRole('region', { name: 'Add studies' });
    const transfer = await page.evaluateHandle((base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'US0001.dcm', { type: 'application/dicom' }));
      return data;
    }, dropped.data.toString('base64'));
    await zone.dispatchEvent('dragover', { dataTransfer: transfer });
    await zone.dispatchEvent('drop', { dataTransfer: transfer });
    await zone.getByRole('status').getByText('1 file stored').waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Ultrasound follow-up' }).waitFor();

    // The administrator's tabs.
    await page.goto(`${server.baseUrl}/imaging?tab=peers`);
    await page.getByRole('button', { name: 'Add peer' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('AE title').fill('CT_SCANNER');
    await dialog.getByLabel('Host').fill('127.0.0.1');
    await dialog.getByLabel('Port').fill('11112');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const peerRow = page.getByRole('row').filter({ hasText: 'CT_SCANNER' });
    await peerRow.getByText('127.0.0.1:11112').waitFor();
    // Nothing listens there: the echo says so, in words, next to its button.
    await peerRow.getByRole('button', { name: 'Send a C-ECHO to CT_SCANNER' }).click();
    await peerRow.getByText(/^(No answer|Answered in \d+ ms)$/).waitFor({ timeout: 30_000 });
    await fromTheTop(page);
    await shot(page, 'peers');
    await page.getByRole('tab', { name: 'DIMSE activity' }).click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'activity');
    await page.getByText('Refreshes every 5 seconds', { exact: false }).waitFor();
    // The echo just sent is there, outgoing.
    await page.getByRole('row').filter({ hasText: 'CT_SCANNER' }).getByText('Out', { exact: true }).waitFor();
    await fromTheTop(page);
    await shot(page, 'activity');
    await page.getByRole('tab', { name: 'Orthanc' }).click();
    await page.getByRole('button', { name: 'Add Orthanc server' }).click();
    await dialog.getByRole('textbox', { name: /^Name/ }).fill('Ward Orthanc');
    await dialog.getByLabel('Address').fill('http://127.0.0.1:9');
    await dialog.getByLabel('Password', { exact: true }).fill('secret');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const orthancRow = page.getByRole('row').filter({ hasText: 'Ward Orthanc' });
    await orthancRow.getByText('Password set').waitFor();
    await orthancRow.getByText('Not following').waitFor();
    // The password is never shown again: it can be kept, replaced or cleared.
    await orthancRow.getByRole('button', { name: 'Edit' }).click();
    await dialog.getByText('A password is saved. It is never shown.').waitFor();
    await dialog.getByLabel('Clear it').check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await orthancRow.getByText('No password').waitFor();
    await fromTheTop(page);
    await shot(page, 'orthanc');
    await page.getByRole('tab', { name: 'Reconcile' }).click();
    await page.getByText('Every study has its patient').waitFor();
    await fromTheTop(page);
    await shot(page, 'reconcile');

    // Once in Spanish.
    const origin = server.baseUrl;
    const res = await page.request.patch(`${origin}/api/settings/me`, {
      data: { language: 'es' },
      headers: { origin },
    });
    assert.equal(res.status(), 200, await res.text());
    await page.goto(`${origin}/imaging`);
    await page.getByRole('heading', { name: 'Imágenes', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'CT chest' }).waitFor();
    await fromTheTop(page);
    await shot(page, 'studies-es');
  } catch (error) {
    // The page as it was when the journey stopped, to see why.
    if (current) await shot(current, 'failure').catch(() => undefined);
    throw error;
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
