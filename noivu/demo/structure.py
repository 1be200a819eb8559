"""The demo organisation tree: the government, ministries, provinces, departments, communes and their units.

The structure follows the two-tier local government in force from 01/07/2025 (Nghị quyết 202/2025/QH15,
Luật Tổ chức chính quyền địa phương 2025) and the ministries of the Government from 01/03/2025
(Nghị quyết 176/2025/QH15). Names of divisions and public-service units are illustrative.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from noivu.demo.admin_units import Commune, Province
from noivu.organizations.models import OrganizationKind as Kind
from noivu.organizations.models import OrganizationLevel as Level

TWO_TIER_START = dt.date(2025, 7, 1)
MINISTRIES_START = dt.date(2025, 3, 1)
GOVERNMENT_START = dt.date(1945, 9, 2)
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


@dataclass(slots=True)
class OrgNode:
    """One organisation to create, with what the people generator needs to staff it."""

    code: str
    name: str
    kind: str
    level: str
    effective_from: dt.date
    staff: str  # staffing profile key, see noivu.demo.people.PROFILES
    weight: float  # relative headcount
    home: str = ""  # current province code people are mostly from ("" = anywhere)
    admin_unit_code: str = ""
    head_title: str = ""
    deputy_title: str = ""
    children: list["OrgNode"] = field(default_factory=list)
    path: str = ""
    depth: int = 0


def encode_step(position: int) -> str:
    """The 1-based ``position`` among siblings as one treebeard path step ("0001", "000A", ...)."""
    digits = ""
    while position:
        position, rest = divmod(position, 36)
        digits = _ALPHABET[rest] + digits
    return digits.rjust(STEPLEN, "0")


def flatten(root: OrgNode, position: int = 1) -> list[OrgNode]:
    """Assign paths and depths and return the nodes in path order (parents before children)."""
    root.path, root.depth = encode_step(position), 1
    ordered, stack = [], [root]
    while stack:
        node = stack.pop()
        ordered.append(node)
        for index, child in enumerate(node.children, start=1):
            child.path, child.depth = node.path + encode_step(index), node.depth + 1
        stack.extend(reversed(node.children))
    return ordered


# (code, name, divisions, public-service units (name, profile, weight)); the Government's 14 ministries
# and 3 ministerial-level agencies from 01/03/2025.
_COMMON_DIVISIONS = (
    "Văn phòng Bộ",
    "Vụ Tổ chức cán bộ",
    "Vụ Kế hoạch - Tài chính",
    "Vụ Pháp chế",
    "Thanh tra Bộ",
)
MinistrySpec = tuple[str, str, tuple[str, ...], tuple[tuple[str, str, float], ...]]
MINISTRIES: tuple[MinistrySpec, ...] = (
    (
        "BNV",
        "Bộ Nội vụ",
        (
            "Vụ Tổ chức - Biên chế",
            "Vụ Công chức - Viên chức",
            "Vụ Chính quyền địa phương",
            "Vụ Tiền lương",
            "Cục Việc làm",
            "Cục Văn thư và Lưu trữ nhà nước",
            "Ban Thi đua - Khen thưởng Trung ương",
            "Cục Người có công",
        ),
        (
            ("Trung tâm Công nghệ thông tin", "service", 60),
            ("Tạp chí Tổ chức nhà nước và Lao động", "service", 40),
        ),
    ),
    ("BQP", "Bộ Quốc phòng", ("Cục Kế hoạch và Đầu tư", "Cục Tài chính"), ()),
    ("BCA", "Bộ Công an", ("Cục Pháp chế và Cải cách hành chính, tư pháp",), ()),
    ("BNG", "Bộ Ngoại giao", ("Cục Lễ tân Nhà nước", "Cục Lãnh sự", "Vụ ASEAN"), ()),
    (
        "BTP",
        "Bộ Tư pháp",
        (
            "Cục Hộ tịch, quốc tịch, chứng thực",
            "Cục Bổ trợ tư pháp",
            "Cục Quản lý thi hành án dân sự",
            "Cục Kiểm tra văn bản và Quản lý xử lý vi phạm hành chính",
        ),
        (("Trường Đại học Luật Hà Nội", "school", 500),),
    ),
    (
        "BTC",
        "Bộ Tài chính",
        ("Cục Thuế", "Cục Hải quan", "Kho bạc Nhà nước", "Cục Thống kê", "Vụ Ngân sách nhà nước"),
        (("Học viện Tài chính", "school", 600),),
    ),
    (
        "BCT",
        "Bộ Công Thương",
        ("Cục Điện lực", "Cục Xuất nhập khẩu", "Cục Quản lý và Phát triển thị trường trong nước"),
        (("Trường Đại học Điện lực", "school", 400),),
    ),
    (
        "BNNMT",
        "Bộ Nông nghiệp và Môi trường",
        (
            "Cục Trồng trọt và Bảo vệ thực vật",
            "Cục Thủy lợi",
            "Cục Quản lý đất đai",
            "Cục Khí tượng Thủy văn",
            "Cục Môi trường",
        ),
        (("Viện Khoa học Nông nghiệp Việt Nam", "service", 500), ("Trường Đại học Thủy lợi", "school", 500)),
    ),
    (
        "BXD",
        "Bộ Xây dựng",
        (
            "Cục Đường bộ Việt Nam",
            "Cục Hàng không Việt Nam",
            "Cục Hàng hải và Đường thủy Việt Nam",
            "Cục Quản lý nhà và thị trường bất động sản",
        ),
        (("Trường Đại học Xây dựng Hà Nội", "school", 500),),
    ),
    (
        "BVHTTDL",
        "Bộ Văn hóa, Thể thao và Du lịch",
        (
            "Cục Di sản văn hóa",
            "Cục Du lịch Quốc gia Việt Nam",
            "Cục Thể dục thể thao Việt Nam",
            "Cục Điện ảnh",
        ),
        (("Thư viện Quốc gia Việt Nam", "service", 150), ("Bảo tàng Lịch sử Quốc gia", "service", 150)),
    ),
    (
        "BKHCN",
        "Bộ Khoa học và Công nghệ",
        ("Cục Sở hữu trí tuệ", "Cục Viễn thông", "Cục Chuyển đổi số quốc gia", "Cục Bưu điện Trung ương"),
        (("Viện Chiến lược, Chính sách khoa học và công nghệ", "service", 120),),
    ),
    (
        "BGDDT",
        "Bộ Giáo dục và Đào tạo",
        (
            "Vụ Giáo dục Mầm non",
            "Vụ Giáo dục Phổ thông",
            "Vụ Giáo dục Đại học",
            "Cục Quản lý chất lượng",
            "Cục Nhà giáo và Cán bộ quản lý giáo dục",
        ),
        (
            ("Trường Đại học Sư phạm Hà Nội", "school", 900),
            ("Trường Đại học Kinh tế Quốc dân", "school", 1000),
            ("Trường Đại học Bách khoa Hà Nội", "school", 1200),
        ),
    ),
    (
        "BYT",
        "Bộ Y tế",
        (
            "Cục Quản lý Khám, chữa bệnh",
            "Cục Quản lý Dược",
            "Cục Phòng bệnh",
            "Cục An toàn thực phẩm",
            "Vụ Bảo hiểm y tế",
        ),
        (
            ("Bệnh viện Bạch Mai", "health", 3500),
            ("Bệnh viện Chợ Rẫy", "health", 3500),
            ("Bệnh viện Trung ương Huế", "health", 2500),
            ("Bệnh viện K", "health", 2000),
            ("Bệnh viện Nhi Trung ương", "health", 1800),
        ),
    ),
    (
        "BDTTG",
        "Bộ Dân tộc và Tôn giáo",
        ("Vụ Chính sách dân tộc", "Ban Tôn giáo Chính phủ", "Vụ Địa phương"),
        (("Học viện Dân tộc", "school", 150),),
    ),
    (
        "NHNN",
        "Ngân hàng Nhà nước Việt Nam",
        ("Vụ Chính sách tiền tệ", "Vụ Thanh toán", "Cục Quản lý ngoại hối"),
        (("Học viện Ngân hàng", "school", 500),),
    ),
    (
        "TTCP",
        "Thanh tra Chính phủ",
        ("Cục Giải quyết khiếu nại, tố cáo và Thanh tra khu vực", "Cục Chống tham nhũng"),
        (),
    ),
    (
        "VPCP",
        "Văn phòng Chính phủ",
        ("Vụ Tổng hợp", "Vụ Pháp luật", "Cục Kiểm soát thủ tục hành chính"),
        (("Cổng Thông tin điện tử Chính phủ", "service", 80),),
    ),
)

# Provincial departments of the post-2025 structure: (code suffix, name, divisions, public-service units).
# A unit entry is (name pattern, profile, weight, how many: an int or a function of the number of communes).
_DEPT_DIVISIONS_COMMON = ("Văn phòng Sở", "Phòng Kế hoạch - Tài chính")
DEPARTMENTS: tuple[tuple[str, str, tuple[str, ...], tuple], ...] = (
    (
        "SNV",
        "Sở Nội vụ",
        (
            "Phòng Tổ chức - Biên chế",
            "Phòng Công chức - Viên chức",
            "Phòng Xây dựng chính quyền",
            "Phòng Lao động - Việc làm",
            "Phòng Thi đua - Khen thưởng",
        ),
        (("Trung tâm Lưu trữ lịch sử", "service", 25, 1), ("Trung tâm Dịch vụ việc làm", "service", 40, 1)),
    ),
    (
        "STC",
        "Sở Tài chính",
        ("Phòng Quản lý ngân sách", "Phòng Quản lý giá và công sản", "Phòng Đầu tư"),
        (("Trung tâm Xúc tiến đầu tư", "service", 25, 1),),
    ),
    (
        "STP",
        "Sở Tư pháp",
        ("Phòng Xây dựng và Kiểm tra văn bản", "Phòng Hành chính tư pháp", "Phòng Bổ trợ tư pháp"),
        (
            ("Trung tâm Trợ giúp pháp lý nhà nước", "service", 25, 1),
            ("Phòng Công chứng số {n}", "service", 8, 2),
        ),
    ),
    (
        "SCT",
        "Sở Công Thương",
        ("Phòng Quản lý công nghiệp", "Phòng Quản lý thương mại", "Phòng Quản lý năng lượng"),
        (("Trung tâm Khuyến công và Xúc tiến thương mại", "service", 25, 1),),
    ),
    (
        "SGDDT",
        "Sở Giáo dục và Đào tạo",
        (
            "Phòng Giáo dục phổ thông",
            "Phòng Giáo dục mầm non và tiểu học",
            "Phòng Tổ chức cán bộ",
            "Phòng Quản lý chất lượng",
        ),
        (
            ("Trường THPT chuyên {province}", "school_high", 90, 1),
            ("Trường THPT {place}", "school_high", 75, "thpt"),
            ("Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên {place}", "school_high", 30, "gdtx"),
        ),
    ),
    (
        "SYT",
        "Sở Y tế",
        ("Phòng Nghiệp vụ Y", "Phòng Nghiệp vụ Dược", "Phòng Tổ chức cán bộ"),
        (
            ("Bệnh viện Đa khoa {region}", "health", 900, 1),
            ("Bệnh viện Sản - Nhi {region}", "health", 350, 1),
            ("Bệnh viện Y dược cổ truyền {region}", "health", 150, 1),
            ("Bệnh viện Phổi {region}", "health", 120, 1),
            ("Bệnh viện Tâm thần {region}", "health", 100, 1),
            ("Trung tâm Kiểm soát bệnh tật {region}", "health", 150, 1),
            ("Bệnh viện Đa khoa khu vực {place}", "health", 300, "hospital"),
            ("Trung tâm Y tế khu vực {place}", "health", 180, "health_centre"),
        ),
    ),
    (
        "SXD",
        "Sở Xây dựng",
        ("Phòng Quản lý xây dựng", "Phòng Quản lý giao thông", "Phòng Quy hoạch - Kiến trúc"),
        (
            ("Trung tâm Quản lý giao thông công cộng", "service", 40, 1),
            ("Trung tâm Đăng kiểm phương tiện", "service", 30, 1),
        ),
    ),
    (
        "SNNMT",
        "Sở Nông nghiệp và Môi trường",
        ("Phòng Trồng trọt và Chăn nuôi", "Phòng Quản lý đất đai", "Phòng Môi trường", "Phòng Thủy lợi"),
        (
            ("Trung tâm Khuyến nông", "service", 40, 1),
            ("Văn phòng Đăng ký đất đai", "service", 80, 1),
            ("Trung tâm Quan trắc tài nguyên và môi trường", "service", 25, 1),
            ("Hạt Kiểm lâm {place}", "service", 20, "forest"),
        ),
    ),
    (
        "SKHCN",
        "Sở Khoa học và Công nghệ",
        ("Phòng Quản lý khoa học", "Phòng Chuyển đổi số", "Phòng Bưu chính, Viễn thông"),
        (("Trung tâm Ứng dụng khoa học và công nghệ", "service", 25, 1),),
    ),
    (
        "SVHTTDL",
        "Sở Văn hóa, Thể thao và Du lịch",
        ("Phòng Quản lý văn hóa", "Phòng Quản lý thể dục thể thao", "Phòng Quản lý du lịch"),
        (
            ("Thư viện {region}", "service", 25, 1),
            ("Bảo tàng {region}", "service", 25, 1),
            ("Trung tâm Huấn luyện và Thi đấu thể thao", "service", 40, 1),
        ),
    ),
    ("SDTTG", "Sở Dân tộc và Tôn giáo", ("Phòng Chính sách dân tộc", "Phòng Quản lý tôn giáo"), ()),
    (
        "TTR",
        "Thanh tra",
        (
            "Phòng Thanh tra kinh tế - xã hội",
            "Phòng Tiếp công dân và Xử lý đơn thư",
            "Phòng Phòng, chống tham nhũng",
        ),
        (),
    ),
    (
        "VP",
        "Văn phòng UBND",
        ("Phòng Tổng hợp", "Phòng Kinh tế", "Phòng Khoa giáo - Văn xã", "Phòng Hành chính - Tổ chức"),
        (
            ("Trung tâm Phục vụ hành chính công", "service", 40, 1),
            ("Trung tâm Thông tin - Cổng thông tin điện tử", "service", 20, 1),
        ),
    ),
)

_KINDERGARTENS = (
    "Hoa Sen",
    "Hoa Mai",
    "Họa Mi",
    "Sơn Ca",
    "Hoa Hồng",
    "Sao Mai",
    "Tuổi Thơ",
    "Ánh Dương",
    "Bình Minh",
    "Hoa Ban",
)
_SCHOOL_PATRONS = (
    "Kim Đồng",
    "Lê Quý Đôn",
    "Nguyễn Du",
    "Chu Văn An",
    "Trần Phú",
    "Lý Tự Trọng",
    "Võ Thị Sáu",
    "Nguyễn Trãi",
    "Lê Lợi",
    "Quang Trung",
    "Lê Văn Tám",
    "Nguyễn Văn Trỗi",
    "Trần Quốc Toản",
    "Phan Bội Châu",
    "Hai Bà Trưng",
)


@dataclass(frozen=True)
class TreeOptions:
    """How much of the country to build."""

    provinces: tuple[Province, ...]
    communes_per_province: int | None  # None: every commune
    all_ministries: bool
    units_cap: int | None  # cap on repeated provincial units (schools, hospitals) for small demos


def _jitter(rng: random.Random, weight: float) -> float:
    return weight * rng.uniform(0.75, 1.25)


def _old_date(rng: random.Random, school: bool) -> dt.date:
    year = rng.randint(1960, 2015)
    return dt.date(year, 9, 5) if school else dt.date(year, rng.randint(1, 12), 1)


def _division(
    parent: OrgNode, index: int, name: str, level: str, rng: random.Random, weight: float
) -> OrgNode:
    head = name.split(" ")[0]
    titles = {
        "Vụ": ("Vụ trưởng", "Phó Vụ trưởng"),
        "Cục": ("Cục trưởng", "Phó Cục trưởng"),
        "Ban": ("Trưởng ban", "Phó Trưởng ban"),
        "Kho": ("Giám đốc", "Phó Giám đốc"),
        "Thanh": ("Chánh Thanh tra", "Phó Chánh Thanh tra"),
        "Văn": ("Chánh Văn phòng", "Phó Chánh Văn phòng"),
    }.get(head, ("Trưởng phòng", "Phó Trưởng phòng"))
    return OrgNode(
        code=f"{parent.code}-{index:02d}",
        name=name,
        kind=Kind.DIVISION,
        level=level,
        effective_from=parent.effective_from,
        staff=parent.staff,
        weight=_jitter(rng, weight),
        home=parent.home,
        head_title=titles[0],
        deputy_title=titles[1],
    )


def _unit(
    parent: OrgNode,
    code: str,
    name: str,
    level: str,
    profile: str,
    weight: float,
    rng: random.Random,
    home: str,
    admin_unit_code: str = "",
) -> OrgNode:
    school = profile.startswith("school")
    if "Trạm Y tế" in name:
        titles = ("Trạm trưởng", "Phó Trạm trưởng")
    elif name.startswith(("Trường", "Học viện")):
        titles = (
            ("Hiệu trưởng", "Phó Hiệu trưởng") if name.startswith("Trường") else ("Giám đốc", "Phó Giám đốc")
        )
    elif name.startswith(("Viện", "Hạt")):
        titles = (
            ("Viện trưởng", "Phó Viện trưởng")
            if name.startswith("Viện")
            else ("Hạt trưởng", "Phó Hạt trưởng")
        )
    elif name.startswith("Phòng Công chứng"):
        titles = ("Trưởng phòng", "Phó Trưởng phòng")
    else:
        titles = ("Giám đốc", "Phó Giám đốc")
    return OrgNode(
        code=code,
        name=name,
        kind=Kind.PUBLIC_SERVICE_UNIT,
        level=level,
        effective_from=_old_date(rng, school),
        staff=profile,
        weight=_jitter(rng, weight),
        home=home,
        admin_unit_code=admin_unit_code,
        head_title=titles[0],
        deputy_title=titles[1],
    )


def _ministry(rng: random.Random, spec: MinistrySpec, home: str) -> OrgNode:
    code, name, divisions, units = spec
    head = (
        "Tổng Thanh tra Chính phủ"
        if code == "TTCP"
        else "Thống đốc"
        if code == "NHNN"
        else "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"
        if code == "VPCP"
        else "Bộ trưởng"
    )
    deputy = (
        "Phó Thống đốc"
        if code == "NHNN"
        else "Phó Tổng Thanh tra Chính phủ"
        if code == "TTCP"
        else "Thứ trưởng"
    )
    node = OrgNode(
        code=code,
        name=name,
        kind=Kind.MINISTRY,
        level=Level.CENTRAL,
        effective_from=MINISTRIES_START,
        staff="ministry",
        weight=_jitter(rng, 12),
        home=home,
        head_title=head,
        deputy_title=deputy,
    )
    armed = code in ("BQP", "BCA")
    for index, division in enumerate(_COMMON_DIVISIONS + divisions, start=1):
        weight: float = 60 if division.startswith(("Cục", "Kho", "Ban")) else 25
        node.children.append(
            _division(node, index, division, Level.CENTRAL, rng, weight / (4 if armed else 1))
        )
    for index, (unit_name, profile, weight) in enumerate(units, start=len(node.children) + 1):
        node.children.append(
            _unit(node, f"{code}-{index:02d}", unit_name, Level.CENTRAL, profile, weight, rng, home)
        )
    return node


def _how_many(count: int | str, province: Province, options: TreeOptions, rng: random.Random) -> int:
    if isinstance(count, int):
        return count
    communes = len(province.communes)
    full = {
        "thpt": round(communes * 0.55),
        "gdtx": max(1, round(communes / 12)),
        "hospital": max(1, round(communes / 30)),
        "health_centre": max(1, round(communes / 12)),
        "forest": max(1, round(communes / 25)),
    }[count]
    return full if options.units_cap is None else min(full, options.units_cap)


def _province(rng: random.Random, province: Province, options: TreeOptions) -> OrgNode:
    kind_word = "thành phố" if province.is_city else "tỉnh"
    place_name = f"{kind_word} {province.short_name}"
    code = f"T{province.code}"
    node = OrgNode(
        code=code,
        name=f"UBND {place_name}",
        kind=Kind.PROVINCE_COMMITTEE,
        level=Level.PROVINCE,
        effective_from=TWO_TIER_START,
        staff="province_admin",
        weight=_jitter(rng, 14),
        home=province.code,
        admin_unit_code=province.code,
        head_title=f"Chủ tịch UBND {kind_word}",
        deputy_title=f"Phó Chủ tịch UBND {kind_word}",
    )
    places = [c.short_name for c in province.communes]
    for suffix, name, divisions, units in DEPARTMENTS:
        dept_name = f"{name} {place_name}" if name != "Văn phòng UBND" else f"Văn phòng UBND {place_name}"
        head = (
            ("Chánh Thanh tra", "Phó Chánh Thanh tra")
            if suffix == "TTR"
            else (
                ("Chánh Văn phòng", "Phó Chánh Văn phòng") if suffix == "VP" else ("Giám đốc", "Phó Giám đốc")
            )
        )
        dept = OrgNode(
            code=f"{code}-{suffix}",
            name=dept_name,
            kind=Kind.DEPARTMENT,
            level=Level.PROVINCE,
            effective_from=TWO_TIER_START,
            staff="department",
            weight=_jitter(rng, 10),
            home=province.code,
            head_title=head[0],
            deputy_title=head[1],
        )
        for name_ in _DEPT_DIVISIONS_COMMON + divisions:
            if suffix == "VP" and name_ == "Văn phòng Sở":
                continue
            if suffix == "TTR" and name_ == "Văn phòng Sở":
                name_ = "Văn phòng"  # the inspectorate is not a department: its office is "Văn phòng"
            dept.children.append(_division(dept, len(dept.children) + 1, name_, Level.PROVINCE, rng, 14))
        for pattern, profile, weight, count in units:
            how_many = _how_many(count, province, options, rng)
            picked = rng.sample(places, min(how_many, len(places))) if "{place}" in pattern else []
            for n in range(1, how_many + 1):
                unit_name = pattern.format(
                    province=province.short_name,
                    region=place_name,
                    n=n,
                    place=picked[n - 1] if picked else "",
                )
                index = len(dept.children) + 1
                dept.children.append(
                    _unit(
                        dept,
                        f"{dept.code}-{index:02d}",
                        unit_name,
                        Level.PROVINCE,
                        profile,
                        weight,
                        rng,
                        province.code,
                    )
                )
        node.children.append(dept)
    college = f"Trường Cao đẳng {province.short_name}"
    node.children.append(
        _unit(node, f"{code}-CD", college, Level.PROVINCE, "school_high", 180, rng, province.code)
    )
    communes = province.communes
    if options.communes_per_province is not None:
        communes = communes[: options.communes_per_province]
    node.children.extend(_commune(rng, commune, province.code) for commune in communes)
    return node


def _commune(rng: random.Random, commune: Commune, province_code: str) -> OrgNode:
    unit_word = commune.unit_type.lower()
    code = f"X{commune.code}"
    node = OrgNode(
        code=code,
        name=f"UBND {unit_word} {commune.short_name}",
        kind=Kind.COMMUNE_COMMITTEE,
        level=Level.COMMUNE,
        effective_from=TWO_TIER_START,
        staff="commune_admin",
        weight=_jitter(rng, 36),
        home=province_code,
        admin_unit_code=commune.code,
        head_title=f"Chủ tịch UBND {unit_word}",
        deputy_title=f"Phó Chủ tịch UBND {unit_word}",
    )
    economy = "Phòng Kinh tế, Hạ tầng và Đô thị" if commune.unit_type == "Phường" else "Phòng Kinh tế"
    for name in ("Văn phòng HĐND và UBND", economy, "Phòng Văn hóa - Xã hội"):
        division = _division(node, len(node.children) + 1, name, Level.COMMUNE, rng, 18)
        division.staff = "commune_division"
        node.children.append(division)
    hub = _division(node, len(node.children) + 1, "Trung tâm Phục vụ hành chính công", Level.COMMUNE, rng, 10)
    hub.staff, hub.head_title, hub.deputy_title = "commune_division", "Giám đốc", "Phó Giám đốc"
    node.children.append(hub)
    small = commune.unit_type == "Đặc khu"
    schools = (
        (
            "Trường Mầm non",
            "school_kindergarten",
            28,
            _KINDERGARTENS,
            rng.randint(1, 2) if small else rng.randint(2, 5),
        ),
        (
            "Trường Tiểu học",
            "school_primary",
            38,
            _SCHOOL_PATRONS,
            rng.randint(1, 2) if small else rng.randint(2, 5),
        ),
        ("Trường THCS", "school_secondary", 42, _SCHOOL_PATRONS, 1 if small else rng.randint(1, 3)),
    )
    for prefix, profile, weight, patrons, count in schools:
        names = [commune.short_name] + rng.sample(patrons, count - 1)
        for school_name in names:
            index = len(node.children) + 1
            node.children.append(
                _unit(
                    node,
                    f"{code}-{index:02d}",
                    f"{prefix} {school_name}",
                    Level.COMMUNE,
                    profile,
                    weight,
                    rng,
                    province_code,
                )
            )
    node.children.append(
        _unit(
            node,
            f"{code}-{len(node.children) + 1:02d}",
            f"Trạm Y tế {unit_word} {commune.short_name}",
            Level.COMMUNE,
            "health",
            10,
            rng,
            province_code,
        )
    )
    return node


def build_tree(rng: random.Random, options: TreeOptions) -> OrgNode:
    """The whole demo tree under a single root "Chính phủ"."""
    root = OrgNode(
        code="VN",
        name="Chính phủ",
        kind=Kind.GOVERNMENT,
        level=Level.CENTRAL,
        effective_from=GOVERNMENT_START,
        staff="none",
        weight=0.0,
    )
    specs = MINISTRIES if options.all_ministries else tuple(m for m in MINISTRIES if m[0] == "BNV")
    root.children.extend(_ministry(rng, spec, "") for spec in specs)
    root.children.extend(_province(rng, province, options) for province in options.provinces)
    return root
