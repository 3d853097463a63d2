async () => {
  // What a reader sees of one page: charts (rendered text size, luminance), tables, sideways scroll.
  const lum = (r, g, b) => [r, g, b].map(v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  // The citizen's way in: a link "Een klacht indienen" whose middle is on the first screen and not covered.
  const complaint = [...document.querySelectorAll('a')].filter(a => a.textContent.trim() === 'Een klacht indienen')
    .filter(a => { const r = a.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
      const hit = r.width > 0 && x >= 0 && y >= 0 && x <= innerWidth && y <= innerHeight && document.elementFromPoint(x, y);
      return hit && (hit === a || a.contains(hit)); }).map(a => a.href);
  const imgs = [...document.querySelectorAll('figure img')].filter(i => i.checkVisibility());
  imgs.forEach(i => { i.loading = 'eager'; });
  await Promise.all(imgs.map(i => i.decode().catch(() => null)));
  const charts = [];
  for (const img of imgs) {
    const box = img.getBoundingClientRect();
    const svg = new DOMParser().parseFromString(await (await fetch(img.currentSrc)).text(), 'image/svg+xml').documentElement;
    const sizes = [...svg.querySelectorAll('text')].map(t => /font-size:\s*([0-9.]+)px/.exec(t.getAttribute('style') || ''))
      .filter(Boolean).map(m => parseFloat(m[1]));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(box.width)); canvas.height = Math.max(1, Math.round(box.height));
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    // The median pixel is the chart's background (bars and text cover less than half of it).
    const bins = new Array(101).fill(0);
    for (let i = 0; i < px.length; i += 4) bins[Math.round(100 * lum(px[i], px[i + 1], px[i + 2]))] += 1;
    let seen = 0, median = 0;
    while (seen + bins[median] < px.length / 8) seen += bins[median++];
    charts.push({src: img.currentSrc.split('/').pop(), minText: Math.min(...sizes) * box.width / svg.viewBox.baseVal.width,
                 background: median / 100,
                 luminance: bins.reduce((sum, n, i) => sum + n * i / 100, 0) / (px.length / 4)});
  }
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const clipped = [...document.querySelectorAll('div.tabel')].filter(t => t.scrollWidth > t.clientWidth + 1)
    .map(t => `${t.querySelector('caption').textContent.trim()} (${t.scrollWidth} > ${t.clientWidth})`);
  // The first key number: the first key point that names a number, or else the key-figure table's first value.
  const points = document.querySelector('h2#belangrijkste-punten + ul');
  const point = points ? [...points.querySelectorAll('li')].find(li => /\d/.test(li.textContent)) : null;
  const first = point || document.querySelector('table.kerncijfers tbody td:nth-child(3)');
  return {title: document.title, complaint, sideways: document.documentElement.scrollWidth - window.innerWidth, charts, clipped,
          firstNumber: first ? first.getBoundingClientRect().bottom + window.scrollY : null};
}
